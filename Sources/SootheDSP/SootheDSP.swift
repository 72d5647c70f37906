// SootheDSP: see issue work in progress.
