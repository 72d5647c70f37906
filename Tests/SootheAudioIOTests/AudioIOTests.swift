import Testing

/// All SootheAudioIO suites nest here and run one at a time: `TemporaryFiles.removeAll()` is
/// process-wide and would otherwise delete the temporary files of writers in other tests.
@Suite(.serialized) enum AudioIOTests {}
