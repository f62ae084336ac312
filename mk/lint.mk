# make lint (tests/lint/lint.sh): gcc, clang and musl-gcc with strict
# warnings as errors, cppcheck, clang-tidy (check set and reasons for the
# exclusions: tests/lint/clang-tidy.yaml) and shellcheck on every shell
# script; all of them run, every finding is listed, any finding fails.
# About a minute on 2 cores (clang-tidy is most of it).
APT_PACKAGES	+= shellcheck cppcheck clang clang-tidy musl-tools
CHECK_TARGETS	+= lint

lint: export LINT_DEFS := $(DEFS)
lint:
	@bash tests/lint/lint.sh

.PHONY: lint
