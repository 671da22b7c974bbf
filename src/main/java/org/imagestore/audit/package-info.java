/**
 * The audit trail: one line per save and delete in the server log, under the logger {@code
 * org.imagestore.audit}, with what was done to which image, the outcome and the client's address.
 */
package org.imagestore.audit;
