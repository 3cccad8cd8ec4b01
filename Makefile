# Jixiao: two commands for a new machine.
#   make site   install what is missing, build, generate site/ from Content/
#   make test   install what is missing, build, run the whole test suite
#   make bench  the benchmark in BENCHMARKS.md (SIZES="1000 10000" REPS=3; long)
#   make instructions  instructions a 1,000-form build executes (callgrind; FORMS=1000;
#                      REBUILD=1: a rebuild after one new form)
SWIFT   ?= swift
CONTENT ?= Content
OUTPUT  ?= site
BIN      = .build/release/jixiao
# The Swift runtime and Foundation linked into the program: calls into them (retain and
# release above all) are direct instead of through the dynamic linker's tables, and a start
# binds no symbols; about a tenth less CPU for a 10,000-form build (BENCHMARKS.md). Linked
# by lld, which the toolchain ships: GNU ld warns about a mktemp call inside Foundation.
RELEASE  = -c release --product jixiao --static-swift-stdlib -Xswiftc -use-ld=lld

SIZES   ?= 1000 10000
REPS    ?= 3
FORMS   ?= 1000

.PHONY: site test build deps clean bench instructions

deps:
	@scripts/install-deps

build: deps
	$(SWIFT) build $(RELEASE)

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
	$(SWIFT) build $(RELEASE)
	Benchmarks/run "$(SIZES)" $(REPS)

instructions:
	@scripts/install-deps --profile
	$(SWIFT) build $(RELEASE)
	Benchmarks/instructions $(if $(REBUILD),--rebuild) $(FORMS)

clean:
	rm -rf .build $(OUTPUT)
