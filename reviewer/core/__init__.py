"""The domain: pure Python, no Qt. The GUI and the CLI both call `reviewer.core.library`."""
