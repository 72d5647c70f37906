# soothe: two commands do all set-up on a fresh Debian machine.
#   make demo   installs what is missing, builds, renders a built-in session into out/
#   make test   installs what is missing, builds, runs every test
SHELL := /bin/bash
SWIFT ?= swift
PREFIX ?= /usr/local
DEMO ?= belly-breathing

# Debian packages soothe builds against and tests with.
APT_PACKAGES := pkg-config libespeak-ng-dev espeak-ng-data libsndfile1-dev libsoxr-dev libsox-dev libebur128-dev zlib1g-dev
# Extra tools the tests and benchmarks use to check what soothe writes.
APT_TEST_PACKAGES := sox ffmpeg chromium python3-feedparser python3-jsonschema python3-yaml
# What make bench runs besides: the baseline's espeak-ng command line, and the timing tools.
APT_BENCH_PACKAGES := espeak-ng bc time python3 procps flac vorbis-tools opus-tools lame

.PHONY: deps test-deps bench-deps build release demo test bench bench-voices bench-encoders install clean

deps:
	@bash .ci/install-deps $(APT_PACKAGES)

test-deps:
	@bash .ci/install-deps $(APT_PACKAGES) $(APT_TEST_PACKAGES)

bench-deps:
	@bash .ci/install-deps $(APT_PACKAGES) $(APT_TEST_PACKAGES) $(APT_BENCH_PACKAGES)

build: deps
	$(SWIFT) build

# The Swift runtime linked in: a binary that runs where Swift is not installed and starts in
# ~8 ms instead of ~20 (no dynamic loading of the Swift and Foundation libraries).
release: deps
	$(SWIFT) build -c release --product soothe --static-swift-stdlib

demo: release
	@SOOTHE_HOME=$(CURDIR) .build/release/soothe render $(DEMO) -o out/ --captions --chapters

# Tests run on an optimised build: the per-sample DSP is ~50x slower unoptimised. -enable-testing
# keeps @testable imports working in release.
TEST_FLAGS := -c release -Xswiftc -enable-testing

test: test-deps
	$(SWIFT) build --build-tests $(TEST_FLAGS)
	$(SWIFT) test --skip-build $(TEST_FLAGS)

bench: release bench-deps
	bash bench/run.sh

# Pace, recogniser recall, limiter and crest figures of every voice profile (docs/voices.md).
bench-voices: release test-deps
	bash bench/voices.sh

# Each compressed format's render beside its encoder alone on the same samples (bench/results/encoders.md).
bench-encoders: release bench-deps
	bash bench/encoders.sh

install: release
	install -d $(PREFIX)/bin $(PREFIX)/share/soothe
	install -m 755 .build/release/soothe $(PREFIX)/bin/soothe
	cp -R assets schema voices $(PREFIX)/share/soothe/

clean:
	rm -rf .build out
