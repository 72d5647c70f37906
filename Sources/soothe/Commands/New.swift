import ArgumentParser
import Foundation
import SootheAudioIO
import SootheCore

extension Soothe {
    /// `soothe new`: a starting script to edit.
    struct New: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write a commented starting script, ID.yaml, that passes 'soothe check'.")

        @Argument(help: "The session's id: lowercase letters, digits and dashes (the file is ID.yaml).")
        var id: String

        @Option(help: "The practice: \(SessionTemplate.Practice.allCases.map(\.rawValue).joined(separator: ", ")).")
        var technique = SessionTemplate.Practice.deepBreathing.rawValue

        @Option(help: "About how long the session lasts (e.g. 10m, 5:00).")
        var length = "10m"

        @Option(name: .shortAndLong, help: "Where to write it (default: ID.yaml here). An existing file is never replaced.")
        var output: String?

        func validate() throws {
            guard ScriptParser.isValidID(id) else {
                throw ValidationError("the id '\(ControlCharacters.escaped(id))' must be lowercase letters, digits and dashes, e.g. evening-calm")
            }
            _ = try practice()
            _ = try seconds()
        }

        func practice() throws -> SessionTemplate.Practice {
            guard let practice = SessionTemplate.Practice(rawValue: technique) else {
                let names = SessionTemplate.Practice.allCases.map(\.rawValue)
                throw ValidationError("--technique must be one of \(names.joined(separator: ", ")), got '\(technique)'\(Suggestions.didYouMean(technique, in: names))")
            }
            return practice
        }

        func seconds() throws -> Double {
            guard let seconds = try? DurationParser.parse(length), seconds >= 120, seconds <= 3 * 3600 else {
                throw ValidationError("--length must be a duration from 2 minutes to 3 hours (\(DurationParser.forms)), got '\(length)'")
            }
            return seconds
        }

        func run() throws {
            let path = output ?? "\(id).yaml"
            if FileManager.default.fileExists(atPath: path) {
                Console.error("soothe: \(path) exists; soothe new never replaces a file: choose another id or -o")
                throw ExitStatus.cannotCreate
            }
            do {
                let text = SessionTemplate.text(id: id, practice: try practice(), length: try seconds(), schema: SootheHome.locate().installed(SessionSchema.path))
                try TextFileWriter.write(text, to: path)
            } catch {
                Console.error("soothe: \(error)")
                throw ExitStatus.cannotCreate
            }
            Console.line("\(path): written; 'soothe check \(path)' checks it, 'soothe preview \(path)' shows its timing")
        }
    }
}
