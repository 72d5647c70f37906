// swift-tools-version:6.0
// soothe renders guided self-soothing sessions as audio files. GPL-3.0-or-later.
import PackageDescription

/// `-O` for the per-sample code in debug builds too (the release build is optimised anyway).
let optimizedInDebug: [SwiftSetting] = [.unsafeFlags(["-O"], .when(configuration: .debug))]

let package = Package(
    name: "soothe",
    products: [
        .executable(name: "soothe", targets: ["soothe"]),
        .library(name: "SootheCore", targets: ["SootheCore"]),
        .library(name: "SootheRender", targets: ["SootheRender"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.0.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.5.0"),
    ],
    targets: [
        // One system-library shim per C library: module map + header, found through pkg-config.
        .systemLibrary(
            name: "CEspeakNG", path: "Sources/CEspeakNG", pkgConfig: "espeak-ng",
            providers: [.apt(["libespeak-ng-dev", "espeak-ng-data"])]),
        .systemLibrary(
            name: "CSndFile", path: "Sources/CSndFile", pkgConfig: "sndfile",
            providers: [.apt(["libsndfile1-dev"])]),
        .systemLibrary(
            name: "CSoxr", path: "Sources/CSoxr", pkgConfig: "soxr",
            providers: [.apt(["libsoxr-dev"])]),
        .systemLibrary(
            name: "CEbur128", path: "Sources/CEbur128", pkgConfig: "libebur128",
            providers: [.apt(["libebur128-dev"])]),

        // What Swift cannot reach of POSIX (CMSG_* macros, _GNU_SOURCE calls), and the one funnel
        // every system call goes through: EINTR retried, errno as a typed POSIXError.
        .target(name: "CSoothePOSIX"),
        .target(name: "SoothePOSIX", dependencies: ["CSoothePOSIX"]),
        // libpcaudio's constructor, replaced by one that makes no audio device.
        .target(name: "CEspeakNGNoAudio"),

        // The vocabulary every module shares: chime kinds, ambience sounds, voice profiles,
        // speech clips and where they come from. Depends on nothing.
        .target(name: "SootheModel"),
        // Pure Swift: script model, diagnostics, timeline builder, cue-sheet formats. No C, never prints.
        .target(name: "SootheCore", dependencies: ["SootheModel", .product(name: "Yams", package: "Yams")]),
        // Pure Swift sound generation: chimes, breath tone, noise beds, mixer, limiter.
        // Optimised even in debug builds: its per-sample loops run ~50x slower unoptimised, which
        // would make every test and end-to-end render crawl.
        .target(name: "SootheDSP", dependencies: ["SootheModel"], swiftSettings: optimizedInDebug),
        // The only owner of libespeak-ng (and of libsoxr for resampling speech).
        .target(name: "SootheSpeech", dependencies: ["SootheCore", "SoothePOSIX", "CEspeakNG", "CEspeakNGNoAudio", "CSoxr"]),
        // The only owner of libsndfile and libebur128: writer, reader, loudness.
        .target(name: "SootheAudioIO", dependencies: ["SoothePOSIX", "CSndFile", "CEbur128", "CSoxr"]),
        // Timeline + DSP + speech -> streamed frames -> file; batch rendering.
        .target(
            name: "SootheRender", dependencies: ["SootheCore", "SootheDSP", "SootheAudioIO"],
            swiftSettings: optimizedInDebug),
        // The thin executable: argument parsing, printing, exit codes. Started as
        // `soothe _speech-server` it is the speech server instead (SootheSpeech.SpeechServerProcess).
        .executableTarget(
            name: "soothe",
            dependencies: [
                "SootheCore", "SootheSpeech", "SootheAudioIO", "SootheRender", "SoothePOSIX",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),

        .testTarget(name: "SootheCoreTests", dependencies: ["SootheCore"], exclude: ["Snapshots"]),
        .testTarget(name: "SootheDSPTests", dependencies: ["SootheDSP", "SootheModel", "SootheAudioIO"]),
        .testTarget(name: "SoothePOSIXTests", dependencies: ["SoothePOSIX"]),
        // Speech is spoken by `soothe _speech-server`: soothe is found beside the test bundle.
        .testTarget(name: "SootheSpeechTests", dependencies: ["SootheSpeech", "soothe"]),
        .testTarget(name: "SootheAudioIOTests", dependencies: ["SootheAudioIO"]),
        .testTarget(name: "SootheRenderTests", dependencies: ["SootheRender", "SootheSpeech", "SootheAudioIO", "soothe"]),
        .testTarget(name: "SootheCLITests", dependencies: ["soothe", "SootheAudioIO", "SootheCore"]),
    ],
    swiftLanguageModes: [.v6]
)
