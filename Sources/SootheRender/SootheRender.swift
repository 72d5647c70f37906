// SootheRender: see issue work in progress.
