# Jixiao: two commands for a new machine.
#   make site   install what is missing, build, generate site/ from Content/
#   make test   install what is missing, build, run the whole test suite
#   make bench  the benchmark in BENCHMARKS.md (SIZES="1000 10000" REPS=3; long)
SWIFT   ?= swift
CONTENT ?= Content
OUTPUT  ?= site
BIN      = .build/release/jixiao

SIZES   ?= 1000 10000
REPS    ?= 3

.PHONY: site test build deps clean bench

deps:
	@scripts/install-deps

build: deps
	$(SWIFT) build -c release --product jixiao

# The site is written beside the old site/ and swapped in: a failed build leaves it whole.
site: build
	$(BIN) build --content $(CONTENT) --theme Theme --output $(OUTPUT) --quiet
	@echo "open $(OUTPUT)/index.html in a browser (no server needed)"

test:
	@scripts/install-deps --test
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build --disable-swift-testing

bench:
	@scripts/install-deps --bench
	$(SWIFT) build -c release --product jixiao
	Benchmarks/run "$(SIZES)" $(REPS)

clean:
	rm -rf .build $(OUTPUT)
