// SootheAudioIO: see issue work in progress.
