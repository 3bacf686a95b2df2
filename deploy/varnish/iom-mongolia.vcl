# Varnish in front of the site: the page cache (a CDN does the same job in production).
# Install as /etc/varnish/default.vcl with deploy/varnish/503.html as /etc/varnish/iom-mongolia-503.html,
# and the purge secret (FRONTEND_CACHE_PURGE_SECRET of the app servers) alone in
# /etc/varnish/iom-mongolia-purge-secret (readable by Varnish only); see docs/deployment.md. `make stack` runs this file with its own ports, paths and host.
# Replace mongolia.example.org below with the host of SITE_URL (with its port, if it has one).
vcl 4.1;

import std;

# The origin: nginx in front of the app servers (deploy/nginx/iom-mongolia.conf).
backend default {
    .host = "127.0.0.1";
    .port = "8080";
    .connect_timeout = 2s;
    .first_byte_timeout = 35s;
    .between_bytes_timeout = 10s;
}

# Who may purge: the app servers (Wagtail's frontend cache sends PURGE on publish), and only
# with the shared secret in X-Purge-Secret (core/varnish_purge.py).
acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(405, "Not allowed"));
        }
        # An empty or missing secret file refuses every purge.
        if (!req.http.X-Purge-Secret
            || req.http.X-Purge-Secret != regsub(std.fileread("/etc/varnish/iom-mongolia-purge-secret"), "\s+$", "")
            || regsub(std.fileread("/etc/varnish/iom-mongolia-purge-secret"), "\s+$", "") == "") {
            return (synth(403, "Forbidden"));
        }
        unset req.http.X-Purge-Secret;
        # The address and each of its variants with a query string (?page=2, ?kind=story): they
        # list the same content. Every cached object carries its path without the query (x-path).
        ban("obj.http.x-path == " + regsub(req.url, "\?.*$", ""));
        return (synth(200, "Purged"));
    }
    # The site's own address only (the host of SITE_URL): a request with any other Host header
    # (a forged one, a scanner using the IP address) is refused before the cache, so that nothing
    # built from a visitor's Host is stored and served to the next visitor.
    if (std.tolower(req.http.host) != "mongolia.example.org") {
        return (synth(400, "Unknown host"));
    }
    set req.http.host = std.tolower(req.http.host);
    # Health endpoints are for the load balancer and monitoring, which ask the app servers (or
    # nginx) directly: never answered to the public through the cache.
    if (req.url ~ "^/(healthz|livez)/") {
        return (synth(404, "Not Found"));
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    # Never from the cache: the admin and previews, documents (privacy is checked on each
    # download), search results (one visitor's question).
    if (req.url ~ "^/admin/" || req.url ~ "^/documents/" || req.url ~ "^/[a-z]{2}/search/") {
        return (pass);
    }
    # A signed-in editor (a session cookie) sees their own pages; everyone else shares one copy,
    # so no other cookie (CSRF token, analytics) reaches the site or splits the cache.
    if (req.http.Cookie ~ "(^|;\s*)sessionid=") {
        return (pass);
    }
    unset req.http.Cookie;
    unset req.http.Authorization;
    return (hash);
}

sub vcl_hash {
    # The host and the address (only the site's own host gets here, see vcl_recv); purges ban by
    # the path (x-path), whatever host name they use.
    hash_data(req.http.host);
    hash_data(req.url);
    return (lookup);
}

sub vcl_backend_response {
    set beresp.http.x-path = regsub(bereq.url, "\?.*$", "");
    if (beresp.status >= 500) {
        # The site or its database is down: a refresh keeps the copy the cache has (grace).
        if (bereq.is_bgfetch) {
            return (abandon);
        }
        # A page never cached: the app's own error page (its branded outage page, 503 with
        # Retry-After; every app response carries X-Request-ID) is passed on, never stored;
        # anything else (nginx's 502 or 504: no app server answered) gets this cache's 503 page.
        if (beresp.http.X-Request-ID && beresp.http.Content-Type ~ "^text/html") {
            set beresp.ttl = 0s;
            set beresp.grace = 0s;
            set beresp.uncacheable = true;
            return (deliver);
        }
        return (error(503, "Service Unavailable"));
    }
    # Personal responses (Cache-Control private or no-store, a cookie set) are never shared, nor
    # is a refusal of the address itself (414: nginx's page for an over-long request line).
    if (beresp.ttl <= 0s || beresp.status == 414 || beresp.http.Set-Cookie || beresp.http.Cache-Control ~ "(private|no-store|no-cache)") {
        set beresp.ttl = 120s;
        set beresp.uncacheable = true;
        return (deliver);
    }
    # Fresh for s-maxage; then served stale for up to a day while a fresh copy is fetched, or
    # while the site is down. Publishing purges the page at once.
    set beresp.grace = 24h;
    return (deliver);
}

sub vcl_backend_error {
    if (bereq.is_bgfetch) {
        return (abandon);
    }
    call unavailable_page;
    return (deliver);
}

sub unavailable_page {
    set beresp.status = 503;
    set beresp.ttl = 0s;
    set beresp.grace = 0s;
    set beresp.http.Content-Type = "text/html; charset=utf-8";
    set beresp.http.Cache-Control = "no-store";
    set beresp.http.Retry-After = "60";
    synthetic(std.fileread("/etc/varnish/iom-mongolia-503.html"));
}

sub vcl_deliver {
    if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
    unset resp.http.x-path;
    # No software names or versions (Via: "1.1 varnish (Varnish/7.1)"), no transaction ids.
    unset resp.http.Via;
    unset resp.http.X-Varnish;
}

sub vcl_synth {
    unset resp.http.Via;
    unset resp.http.X-Varnish;
    unset resp.http.Server;
}
