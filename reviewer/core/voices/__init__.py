"""Voices: speaker embeddings (CAM++ on ONNX Runtime), voice clusters, archive checks."""
