/**
 * Implementation details of backup-jdbc: URL parsing, tool discovery and launching, credential files, dump
 * parsing and database administration statements. Not an API; may change in any release.
 */
package io.backline.jdbc.internal;
