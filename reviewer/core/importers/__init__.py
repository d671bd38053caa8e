"""Export readers: safe archive access, format detection and one module per vendor layout."""
