/**
 * Who may make which request. For now one rule: a browser on another site may not change anything
 * ({@link org.imagestore.access.CrossSiteRule}), applied to every request by a servlet filter.
 */
package org.imagestore.access;
