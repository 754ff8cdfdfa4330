import AlbumCore
import HTTP

/// An API dialect (or any family of routes with state): a value made once, when the site is
/// built, from the services it needs; its route table names its methods (`WebAPI.listPhotos`),
/// which `Endpoint` binds to that value. Static route tables stay readable and listable
/// (`albumen routes`) without any services.
public protocol Dialect: Sendable {
    init(services: Services)
}

/// The dialect values of one site, each made on first use while the site binds its routes.
final class Dialects {
    private let services: Services
    private var made: [ObjectIdentifier: any Dialect] = [:]

    init(services: Services) { self.services = services }

    func value<D: Dialect>(_ type: D.Type) -> D {
        if let known = made[ObjectIdentifier(type)] as? D { return known }
        let value = D(services: services)
        made[ObjectIdentifier(type)] = value
        return value
    }
}
