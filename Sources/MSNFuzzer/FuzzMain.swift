// placeholder
@main struct FuzzMain { static func main() {} }
