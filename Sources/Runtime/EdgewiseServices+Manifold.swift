import EdgewiseManifold
import Foundation

extension EdgewiseServices {
    /// Manifold's API at the configured host. The key from `EDGEWISE_MANIFOLD_API_KEY` is attached
    /// when set; reading markets works without it, and the client says which variable to set the
    /// first time an authenticated call needs it.
    public func manifold() throws -> ManifoldClient {
        let key: ManifoldAPIKey?
        do {
            key = try ManifoldAPIKey.fromEnvironment(environment)
        } catch .missing {
            key = nil
        } catch {
            throw error
        }
        return ManifoldClient(
            baseURL: configuration.manifold.endpoints.api, apiKey: key, configuration: httpConfiguration,
            logger: logger)
    }

    /// Manifold's WebSocket at the configured host, following `topics`.
    public func manifoldStream(topics: [ManifoldTopic]) -> ManifoldStream {
        ManifoldStream(endpoints: configuration.manifold.endpoints, topics: topics, logger: logger)
    }
}
