import ArgumentParser
import EdgewiseRuntime
import Logging

/// Options every subcommand accepts.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The data directory (database, recordings, config.toml).", valueName: "dir"))
    var home: String?

    @Option(name: .long, help: ArgumentHelp("A config file to read instead of <home>/config.toml.", valueName: "file"))
    var config: String?

    @Flag(name: .long, help: "Log venue traffic and reconnections to stderr.")
    var verbose = false

    func services() throws -> EdgewiseServices {
        let configuration = try EdgewiseConfiguration.load(homeOverride: home, configOverride: config)
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = verbose ? .debug : .warning
            return handler
        }
        return EdgewiseServices(configuration: configuration)
    }
}
