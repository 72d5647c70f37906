// The script and the timeline are written in the shared vocabulary (chime kinds, ambience sounds,
// voice profiles, speech clips), so whoever imports SootheCore can name those types too.
@_exported import SootheModel
