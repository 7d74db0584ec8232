import ArgumentParser

@main
struct MSNCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "msn",
        abstract: "MSN Messenger (MSNP2–MSNP18): run a network, manage accounts, sign in, chat.",
        subcommands: [DemoCommand.self, ServeCommand.self, AccountCommand.self, LoginCommand.self, ContactsCommand.self, ContactCommand.self, StatusCommand.self, PersonalMessageCommand.self, NameCommand.self, SendCommand.self, ChatCommand.self, DecodeCommand.self, BenchCommand.self]
    )
}
