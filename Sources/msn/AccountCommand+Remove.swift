import ArgumentParser

extension AccountCommand {
    /// `msn account remove EMAIL [--data DIR]`.
    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Delete an account.")

        @Argument(help: "The sign-in name.")
        var email: String

        @OptionGroup var options: DataDirectoryOptions

        func run() async throws {
            try await AccountCommandRunner.run(data: options.data) { administration in
                try await administration.remove(email: email)
            }
        }
    }
}
