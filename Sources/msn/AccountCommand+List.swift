import ArgumentParser

extension AccountCommand {
    /// `msn account list [--data DIR]`: one line per account, tab-separated
    /// (`email`, `display name`, `created`, and `legacy-md5` when enabled).
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the accounts.")

        @OptionGroup var options: DataDirectoryOptions

        func run() async throws {
            try await AccountCommandRunner.run(data: options.data) { administration in
                try await administration.list().joined(separator: "\n")
            }
        }
    }
}
