import SootheModel
/// The synthesiser is where a render's speech comes from.
extension SpeechSynthesizer: SpeechClipProvider {}
