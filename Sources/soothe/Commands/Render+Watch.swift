extension Soothe.Render {
    /// `--watch`: renders the one session again after each change to what it is made of.
    func watchAndRun() throws {
        var once = self
        once.watch = false
        let loop = try WatchLoop(session: sessions[0], language: nil, workspace: Workspace(voice: voice, scripts: sessions))
        try loop.run { try once.run() }
    }
}
