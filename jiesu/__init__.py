"""jiesu (接诉即办): the work-order platform of a 12315 / 12345 consumer hotline."""

__version__ = "0.1.0"
