# The two commands a newcomer needs: `make run` and `make test`.
# Both install what is missing (scripts/toolchain.sh) and skip what is there.
LISTEN ?= 127.0.0.1:8080
export LISTEN

.PHONY: run test widget console intake fmt lint bench bench-widget bench-intake clean

run:
	@scripts/run.sh

test:
	@scripts/test.sh

widget:
	@scripts/toolchain.sh build && scripts/build-widget.sh

console:
	@scripts/toolchain.sh build && scripts/build-console.sh

fmt:
	cargo fmt --all

lint:
	cargo fmt --all --check
	cargo clippy --workspace --all-targets -- -D warnings

bench: bench-widget bench-intake

bench-widget:
	@scripts/bench-widget.sh

bench-intake:
	@scripts/bench-intake.sh

clean:
	rm -rf dist dist-console target/wasm
