import Foundation
import Hummingbird
import Logging
import NIOCore

/// The MSNP13+ contact services over SOAP: `POST /abservice/abservice.asmx` (address book)
/// and `POST /abservice/SharingService.asmx` (memberships).
///
/// ```
/// POST /abservice/abservice.asmx   SOAPAction: http://www.msn.com/webservices/AddressBook/ABFindAll
/// <soap:Header>…<ABAuthHeader …><TicketToken>t=…&amp;p=</TicketToken></ABAuthHeader></soap:Header>
/// → 200 <ABFindAllResponse …><ABFindAllResult><groups/><contacts><Contact>…
/// ```
///
/// | Request | Answer |
/// |---|---|
/// | a known method with a live `contacts.msn.com` ticket | 200 and the method's response |
/// | no ticket, unknown ticket, another service's ticket | 500, fault `AuthenticationFailed` |
/// | expired ticket | 500, fault `TicketExpired` |
/// | not XML, a DTD, too deep, too large, missing fields | 500, fault `BadArgument` |
/// | a refused change (exists, unknown account, …) | 500, the ABCH fault for it |
///
/// The account comes from the ticket alone; the method from the first element of the body.
struct AddressBookRoutes: Sendable {
    let configuration: MessengerHTTPService.Configuration
    let tickets: TicketStore
    let service: AddressBookService
    let logger: Logger

    init(configuration: MessengerHTTPService.Configuration, tickets: TicketStore,
         contacts: ContactListService, logger: Logger) {
        self.configuration = configuration
        self.tickets = tickets
        self.service = AddressBookService(store: contacts.store, contacts: contacts)
        self.logger = logger
    }

    func register(on router: Router<BasicRequestContext>) {
        router.post("abservice/abservice.asmx") { request, _ in await respond(to: request, sharing: false) }
        router.post("abservice/SharingService.asmx") { request, _ in await respond(to: request, sharing: true) }
    }

    /// Handles one request; never throws.
    func respond(to request: Request, sharing: Bool) async -> Response {
        let limit = configuration.maximumBodySize
        if let declared = request.headers[.contentLength].flatMap({ Int($0) }), declared > limit {
            return Self.fault(.badRequest, "body larger than \(limit) bytes")
        }
        let body: ByteBuffer
        do {
            body = try await request.body.collect(upTo: limit)
        } catch {
            return Self.fault(.badRequest, "body unreadable or larger than \(limit) bytes")
        }
        let limits = SOAPElement.Limits(maximumDepth: configuration.maximumXMLDepth)
        guard case .success(let envelope) = SOAPElement.parse(Array(buffer: body), limits: limits),
              envelope.name == "Envelope", let method = envelope.child("Body")?.children.first else {
            return Self.fault(.badRequest, "not a SOAP envelope")
        }
        let ticket = envelope.value("Header", "ABAuthHeader", "TicketToken") ?? ""
        let grant: TicketGrant
        switch await tickets.check(ticket: ticket, service: .contacts) {
        case .valid(let valid): grant = valid
        case .expired: return Self.fault(.ticketExpired, "the ticket has expired")
        case .wrongService, .unknown: return Self.fault(.authenticationFailed, "no valid contacts.msn.com ticket")
        }
        let host = request.head.authority ?? "localhost"
        let outcome = await service.perform(method, sharing: sharing, owner: grant.email, host: host)
        switch outcome {
        case .success(let xml):
            logger.debug("address book: \(method.name) for \(grant.email)")
            return Self.xmlResponse(xml, status: .ok)
        case .failure(let fault):
            logger.info("address book: \(method.name) for \(grant.email) refused: \(fault.code.rawValue)")
            return Self.fault(fault.code, fault.message)
        }
    }

    static func fault(_ code: AddressBookEnvelope.FaultCode, _ message: String) -> Response {
        xmlResponse(AddressBookEnvelope.fault(code, message), status: .internalServerError)
    }

    static func xmlResponse(_ xml: String, status: HTTPResponse.Status) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/xml; charset=utf-8"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: xml)))
    }
}
