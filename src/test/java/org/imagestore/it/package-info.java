/**
 * Black-box tests of the deployed WAR on a managed WildFly: each class deploys the WAR the build
 * produced with its own storage folder and settings, then calls it over HTTP as a chat back end
 * would, and checks status codes, headers, bytes and what is on disk.
 */
package org.imagestore.it;
