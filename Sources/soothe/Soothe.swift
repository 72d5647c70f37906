import ArgumentParser
import SootheRender

@main
struct Soothe: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Render guided self-soothing sessions as audio files.")
}
