import Foundation

/// The SOAP 1.1 envelopes of the address-book and sharing services: a `ServiceHeader`
/// and one response element, or a `soap:Fault` (sent with HTTP 500, as ABCH did).
///
/// ```xml
/// <soap:Envelope …><soap:Header><ServiceHeader xmlns="http://www.msn.com/webservices/AddressBook">
///   <Version>15.01.1408.0000</Version>…</ServiceHeader></soap:Header>
/// <soap:Body><ABFindAllResponse xmlns="http://www.msn.com/webservices/AddressBook">…
/// ```
enum AddressBookEnvelope {
    static let soapNamespace = "http://schemas.xmlsoap.org/soap/envelope/"
    static let addressBookNamespace = "http://www.msn.com/webservices/AddressBook"
    static let schemaInstanceNamespace = "http://www.w3.org/2001/XMLSchema-instance"

    /// ABCH's fault codes (`<errorcode>` in the detail).
    enum FaultCode: String, Sendable {
        case badRequest = "BadArgument"
        case authenticationFailed = "AuthenticationFailed"
        case ticketExpired = "TicketExpired"
        case unknownMethod = "MethodNotSupported"
        case contactExists = "ContactAlreadyExists"
        case contactMissing = "ContactDoesNotExist"
        case invalidPassport = "InvalidPassportUser"
        case badEmail = "BadEmailArgument"
        case groupExists = "GroupAlreadyExists"
        case groupMissing = "GroupDoesNotExist"
        case groupLimit = "MaximumGroupsReached"
        case listFull = "QuotaLimitReached"
        case memberExists = "MemberAlreadyExists"
        case memberMissing = "MemberDoesNotExist"
        case internalError = "InternalError"
    }

    /// The whole envelope around `body`, a builder writing one response element.
    static func response(host: String, _ body: (inout XMLWriter) -> Void) -> String {
        var xml = XMLWriter()
        xml.open("soap:Envelope", ["xmlns:soap": soapNamespace, "xmlns:xsi": schemaInstanceNamespace,
                                   "xmlns:xsd": "http://www.w3.org/2001/XMLSchema"])
        xml.open("soap:Header")
        xml.open("ServiceHeader", ["xmlns": addressBookNamespace])
        xml.element("Version", "15.01.1408.0000")
        xml.element("CacheKey", "12r1:swift-msn")
        xml.element("CacheKeyChanged", true)
        xml.element("PreferredHostName", host)
        xml.element("SessionId", UUID().uuidString.lowercased())
        xml.close()
        xml.close()
        xml.open("soap:Body")
        body(&xml)
        return xml.finish()
    }

    /// `<soap:Fault>` with `soap:Client` (or `soap:Server` for `.internalError`).
    static func fault(_ code: FaultCode, _ message: String) -> String {
        var xml = XMLWriter()
        xml.open("soap:Envelope", ["xmlns:soap": soapNamespace])
        xml.open("soap:Body")
        xml.open("soap:Fault")
        xml.element("faultcode", code == .internalError ? "soap:Server" : "soap:Client")
        xml.element("faultstring", message)
        xml.open("detail")
        xml.element("errorcode", code.rawValue)
        xml.element("errorstring", message)
        return xml.finish()
    }

    /// `2026-11-25T09:03:57Z`.
    static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }
}
