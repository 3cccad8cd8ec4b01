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

# Until the site generator lands, site/ holds the export: the model as JSON and CSV,
# and every diagnostic. Written beside the old site/ and swapped in, so a failed
# run leaves the previous site/ whole.
site: build
	@rm -rf $(OUTPUT).new && mkdir -p $(OUTPUT).new/data
	$(BIN) export --content $(CONTENT) --format json > $(OUTPUT).new/data/projects.json 2> $(OUTPUT).new/data/diagnostics.txt
	$(BIN) export --content $(CONTENT) --format csv > $(OUTPUT).new/data/projects.csv 2>/dev/null
	$(BIN) export --content $(CONTENT) --format csv-indicators > $(OUTPUT).new/data/indicators.csv 2>/dev/null
	@rm -rf $(OUTPUT).old && { [ ! -e $(OUTPUT) ] || mv $(OUTPUT) $(OUTPUT).old; } && mv $(OUTPUT).new $(OUTPUT) && rm -rf $(OUTPUT).old
	@echo "site: wrote $(OUTPUT)/data ($$(grep -c '' $(OUTPUT)/data/diagnostics.txt) diagnostics in $(OUTPUT)/data/diagnostics.txt)"

test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build --disable-swift-testing

clean:
	rm -rf .build $(OUTPUT) $(OUTPUT).new $(OUTPUT).old
