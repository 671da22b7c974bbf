/**
 * The browser side in a real browser: Debian's headless Chromium, driven by Selenium through {@code
 * /usr/bin/chromedriver}, against the deployed WAR's gallery, demo page and imagestore.js.
 */
package org.imagestore.it.browser;
