# Jixiao: two commands for a new machine.
#   make site   install what is missing, build, generate site/ from Content/
#   make test   install what is missing, build, run the whole test suite
SWIFT   ?= swift
CONTENT ?= Content
OUTPUT  ?= site
BIN      = .build/release/jixiao

.PHONY: site test build deps clean

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

clean:
	rm -rf .build $(OUTPUT)
