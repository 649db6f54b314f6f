/**
 * What {@link dev.redao.runtime.ModelDao#audit()} and {@link dev.redao.runtime.ModelDao#repair()}
 * report about a model's keys: an {@link dev.redao.runtime.audit.AuditReport} with a
 * {@link dev.redao.runtime.audit.ProblemCount} per {@link dev.redao.runtime.audit.ProblemKind} found,
 * and a few {@link dev.redao.runtime.audit.Finding}s of each (docs/audit.md).
 */
package dev.redao.runtime.audit;
