// SootheSpeech: see issue work in progress.
