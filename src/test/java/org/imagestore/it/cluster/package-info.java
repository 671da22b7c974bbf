/**
 * Several servers on one store: two WildFly processes, each a copy of the build's test server set
 * up with the admin scripts of {@code server-config/wildfly/}, on one s3proxy bucket and one
 * throwaway PostgreSQL index, started together, killed and stopped by the tests; and the index's
 * migrations on that PostgreSQL. Not Arquillian: the tests need two servers and a kill -9.
 */
package org.imagestore.it.cluster;
