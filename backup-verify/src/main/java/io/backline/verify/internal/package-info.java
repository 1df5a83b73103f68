/**
 * Implementation of backup-verify: content inspectors per payload format, the scratch comparison, the byte-budget
 * planner and health checks. Not an API: anything here may change without notice.
 */
package io.backline.verify.internal;
