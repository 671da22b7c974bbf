/**
 * Who may make which request. {@link org.imagestore.access.Authenticator} finds the caller of an
 * API call in the mode {@code imagestore.auth} names (none, API keys, or the server's MicroProfile
 * JWT) and {@link org.imagestore.access.Caller} says what they may see and do; {@link
 * org.imagestore.access.PrivateImages} signs and checks the URLs of private images; {@link
 * org.imagestore.access.CrossSiteRule} keeps browsers on other sites from changing anything, and
 * {@link org.imagestore.access.CorsFilter} lets the listed origins in.
 */
package org.imagestore.access;
