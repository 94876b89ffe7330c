//! Which client a request comes from, for the rate limiter only: the socket's
//! peer, or, when the peer is one of our own reverse proxies, the address
//! that proxy wrote into its forwarding header.
//!
//! A forwarding header is believed only from a configured proxy
//! (`--trusted-proxy`): from anyone else it is a claim the client made up.
//! The address is never stored or logged; [`crate::ratelimit`] hashes it.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::sync::atomic::{AtomicBool, Ordering};

use axum::extract::{ConnectInfo, Request};
use axum::http::{HeaderMap, HeaderName};
use ipnet::IpNet;

/// How to find the client's address.
#[derive(Debug, Default)]
pub struct ClientAddress {
    /// The header our proxy writes the client address into, and the
    /// proxies it is believed from. `None`: the peer is the client.
    proxy: Option<(HeaderName, Vec<IpNet>)>,
    /// Whether the "header does not parse" warning was logged already.
    warned: AtomicBool,
}

/// Why the proxy settings are unusable.
#[derive(Debug, thiserror::Error)]
pub enum ClientAddressError {
    /// Not a header name.
    #[error("--client-ip-header is not a valid header name")]
    BadHeader,
    /// Not an address or a network.
    #[error("--trusted-proxy {0:?} is not an IP address or a network like 10.0.0.0/8")]
    BadProxy(String),
    /// A header without proxies to believe it from.
    #[error(
        "--client-ip-header needs --trusted-proxy: the addresses of the proxies that set it \
         (for a proxy on this machine, --trusted-proxy 127.0.0.1,::1)"
    )]
    NoTrustedProxy,
    /// Proxies without a header to read.
    #[error("--trusted-proxy needs --client-ip-header: the header those proxies set")]
    NoHeader,
}

impl ClientAddress {
    /// The peer is always the client.
    pub fn peer() -> Self {
        Self::default()
    }

    /// Believes `header` (its last entry) from peers in `trusted_proxies`
    /// (addresses or CIDR networks); both or neither must be given.
    pub fn new(
        header: Option<&str>,
        trusted_proxies: &[String],
    ) -> Result<Self, ClientAddressError> {
        let proxies = trusted_proxies
            .iter()
            .map(|text| {
                parse_network(text).ok_or_else(|| ClientAddressError::BadProxy(text.clone()))
            })
            .collect::<Result<Vec<_>, _>>()?;
        let proxy = match (header, proxies.is_empty()) {
            (None, true) => None,
            (None, false) => return Err(ClientAddressError::NoHeader),
            (Some(_), true) => return Err(ClientAddressError::NoTrustedProxy),
            (Some(name), false) => Some((
                name.parse().map_err(|_| ClientAddressError::BadHeader)?,
                proxies,
            )),
        };
        Ok(Self {
            proxy,
            warned: AtomicBool::new(false),
        })
    }

    /// The header name, when one is configured.
    pub fn header(&self) -> Option<&HeaderName> {
        self.proxy.as_ref().map(|(name, _)| name)
    }

    /// The client address of `request`.
    pub fn of(&self, request: &Request) -> IpAddr {
        let peer = request
            .extensions()
            .get::<ConnectInfo<SocketAddr>>()
            .map_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED), |info| {
                info.0.ip().to_canonical()
            });
        self.resolve(peer, request.headers())
    }

    /// The client behind `peer`, given the request's headers.
    pub fn resolve(&self, peer: IpAddr, headers: &HeaderMap) -> IpAddr {
        let Some((name, proxies)) = &self.proxy else {
            return peer;
        };
        if !proxies.iter().any(|net| net.contains(&peer)) {
            return peer;
        }
        match forwarded_address(headers, name) {
            Some(client) => client,
            None => {
                if headers.contains_key(name) && !self.warned.swap(true, Ordering::Relaxed) {
                    // The value is not logged: it is a client's address.
                    tracing::warn!(
                        header = %name,
                        "a trusted proxy sent a client address that does not parse; \
                         using the proxy's own address (logged once)"
                    );
                }
                peer
            }
        }
    }
}

/// `192.0.2.1`, `2001:db8::1`, `10.0.0.0/8` or `2001:db8::/32`.
fn parse_network(text: &str) -> Option<IpNet> {
    let text = text.trim();
    text.parse::<IpNet>()
        .ok()
        .or_else(|| text.parse::<IpAddr>().ok().map(IpNet::from))
}

/// The last entry of the last `name` header: the one our own proxy added
/// (earlier entries are whatever the client claimed). `Forwarded`
/// (RFC 7239) is read by its `for=` parameter.
pub fn forwarded_address(headers: &HeaderMap, name: &HeaderName) -> Option<IpAddr> {
    let value = headers.get_all(name).iter().next_back()?.to_str().ok()?;
    let last = value.rsplit(',').map(str::trim).find(|e| !e.is_empty())?;
    let node = if name == "forwarded" {
        last.split(';').find_map(|pair| {
            let (key, value) = pair.split_once('=')?;
            key.trim()
                .eq_ignore_ascii_case("for")
                .then(|| value.trim().trim_matches('"'))
        })?
    } else {
        last
    };
    parse_node(node).map(|ip| ip.to_canonical())
}

/// An address as proxies write it: `192.0.2.7`, `192.0.2.7:4711`,
/// `2001:db8::1`, `[2001:db8::1]` or `[2001:db8::1]:443`.
fn parse_node(text: &str) -> Option<IpAddr> {
    if let Ok(ip) = text.parse::<IpAddr>() {
        return Some(ip);
    }
    if let Ok(socket) = text.parse::<SocketAddr>() {
        return Some(socket.ip());
    }
    let inner = text.strip_prefix('[')?.strip_suffix(']')?;
    inner.parse::<std::net::Ipv6Addr>().ok().map(IpAddr::V6)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(name: &'static str, values: &[&str]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for value in values {
            map.append(name, value.parse().unwrap());
        }
        map
    }

    fn ip(text: &str) -> IpAddr {
        text.parse().unwrap()
    }

    #[test]
    fn every_form_proxies_write_parses() {
        let xff = HeaderName::from_static("x-forwarded-for");
        for (value, expected) in [
            ("198.51.100.7", "198.51.100.7"),
            ("198.51.100.7:4711", "198.51.100.7"),
            ("203.0.113.9, 198.51.100.7", "198.51.100.7"),
            ("203.0.113.9, 198.51.100.7,", "198.51.100.7"),
            ("203.0.113.9,198.51.100.7 , ", "198.51.100.7"),
            ("2001:db8::1", "2001:db8::1"),
            ("[2001:db8::1]", "2001:db8::1"),
            ("[2001:db8::1]:443", "2001:db8::1"),
            ("::ffff:198.51.100.7", "198.51.100.7"),
        ] {
            assert_eq!(
                forwarded_address(&headers("x-forwarded-for", &[value]), &xff),
                Some(ip(expected)),
                "{value}"
            );
        }
        for value in [
            "garbage",
            "",
            ",",
            "unknown",
            "[2001:db8::1",
            "198.51.100.7:x",
        ] {
            assert_eq!(
                forwarded_address(&headers("x-forwarded-for", &[value]), &xff),
                None,
                "{value:?}"
            );
        }
        // Of several header lines, the last is our proxy's.
        assert_eq!(
            forwarded_address(
                &headers("x-forwarded-for", &["203.0.113.9", "198.51.100.7"]),
                &xff
            ),
            Some(ip("198.51.100.7"))
        );
    }

    #[test]
    fn the_forwarded_header_is_read_by_its_for_parameter() {
        let name = HeaderName::from_static("forwarded");
        for (value, expected) in [
            ("for=198.51.100.7", Some("198.51.100.7")),
            (
                "for=203.0.113.9, for=198.51.100.7;proto=https",
                Some("198.51.100.7"),
            ),
            ("proto=https;For=\"[2001:db8::1]:443\"", Some("2001:db8::1")),
            ("for=unknown", None),
            ("for=_hidden", None),
            ("proto=https", None),
        ] {
            assert_eq!(
                forwarded_address(&headers("forwarded", &[value]), &name),
                expected.map(ip),
                "{value}"
            );
        }
    }

    #[test]
    fn the_header_is_believed_only_from_a_trusted_proxy() {
        let client = ClientAddress::new(
            Some("X-Forwarded-For"),
            &["10.0.0.0/8".to_owned(), "192.0.2.1".to_owned()],
        )
        .unwrap();
        let forwarded = headers("x-forwarded-for", &["198.51.100.7:4711"]);
        // From the proxies: the address they name.
        assert_eq!(
            client.resolve(ip("10.1.2.3"), &forwarded),
            ip("198.51.100.7")
        );
        assert_eq!(
            client.resolve(ip("192.0.2.1"), &forwarded),
            ip("198.51.100.7")
        );
        // A proxy that sent no usable address: the proxy itself.
        assert_eq!(
            client.resolve(ip("10.1.2.3"), &headers("x-forwarded-for", &["garbage"])),
            ip("10.1.2.3")
        );
        // From anyone else the header is the client's own claim: ignored.
        assert_eq!(client.resolve(ip("192.0.2.2"), &forwarded), ip("192.0.2.2"));
        assert_eq!(
            client.resolve(ip("2001:db8::5"), &forwarded),
            ip("2001:db8::5")
        );
        // Without a header configured, the peer always.
        assert_eq!(
            ClientAddress::peer().resolve(ip("10.1.2.3"), &forwarded),
            ip("10.1.2.3")
        );
    }

    #[test]
    fn a_header_needs_trusted_proxies_and_the_reverse() {
        assert!(matches!(
            ClientAddress::new(Some("x-forwarded-for"), &[]),
            Err(ClientAddressError::NoTrustedProxy)
        ));
        assert!(matches!(
            ClientAddress::new(None, &["127.0.0.1".to_owned()]),
            Err(ClientAddressError::NoHeader)
        ));
        assert!(matches!(
            ClientAddress::new(Some("x-forwarded-for"), &["localhost".to_owned()]),
            Err(ClientAddressError::BadProxy(_))
        ));
        assert!(matches!(
            ClientAddress::new(Some("bad header"), &["::1".to_owned()]),
            Err(ClientAddressError::BadHeader)
        ));
        assert!(ClientAddress::new(None, &[]).is_ok());
    }
}
