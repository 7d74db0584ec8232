import ArgumentParser

/// `msn account`: manage the accounts of a server's data directory.
///
/// ```
/// $ msn account add alice@example.com --name Alice
/// Password:
/// Retype password:
/// created alice@example.com (Alice)
/// ```
///
/// Safe to run while `msn serve` uses the same directory. The logic lives in
/// `MSNServer.AccountAdministration`; these commands only read arguments and passwords and
/// print the outcome.
struct AccountCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "account",
        abstract: "Create, list, remove accounts and change passwords.",
        subcommands: [Add.self, List.self, Remove.self, Passwd.self]
    )
}

/// The `--data` option every `msn account` subcommand takes.
struct DataDirectoryOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The server's data directory.", valueName: "dir"))
    var data: String = "./msn-data"
}
