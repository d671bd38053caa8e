# Convenience targets; ./dev does the work (and sets up .venv first).
.PHONY: package test

package:
	./dev package

test:
	./dev test
