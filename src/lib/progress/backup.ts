import * as v from 'valibot';
import { issuesText } from '../boundary/issues.ts';
import { AttemptSchema, DrillSchema, LearnerSchema, RECORD_SCHEMA_VERSION, type Attempt, type Drill, type Learner } from './records.ts';
import { JudgementSchema, type Judgement } from '../realism/realism.ts';

/**
 * The learner backup file: one learner's whole record, written by "Export my records" and read
 * back by "Import records" (on this or another device). Files users bring are validated here in
 * full before anything is written.
 */
export const BACKUP_FORMAT = 'leukodex-learner-backup';
export const BACKUP_SCHEMA_VERSION = RECORD_SCHEMA_VERSION;

export const BackupSchema = v.object({
	format: v.literal(BACKUP_FORMAT),
	schemaVersion: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(BACKUP_SCHEMA_VERSION)),
	/** ISO 8601 time of export */
	exportedAt: v.string(),
	learner: LearnerSchema,
	drills: v.array(DrillSchema),
	attempts: v.array(AttemptSchema),
	/** "Real or synthetic?" answers; absent in backups from before the game */
	judgements: v.optional(v.array(JudgementSchema))
});

export type Backup = v.InferOutput<typeof BackupSchema>;

/** What is wrong with a file, structured so the UI can say it in the learner's language. */
export type BackupProblem =
	| { kind: 'notJson' }
	| { kind: 'wrongFormat' }
	| { kind: 'newerVersion'; version: number }
	| { kind: 'badField'; field: string; detail: string }
	| { kind: 'badRecord'; collection: 'drills' | 'attempts' | 'judgements'; index: number; detail: string };

export class BackupError extends Error {
	constructor(readonly problem: BackupProblem) {
		super(describeProblem(problem));
		this.name = 'BackupError';
	}
}

function describeProblem(p: BackupProblem): string {
	switch (p.kind) {
		case 'notJson':
			return 'This file is not a Leukodex backup: it is not valid JSON.';
		case 'wrongFormat':
			return `This file is not a Leukodex learner backup (expected "format": "${BACKUP_FORMAT}").`;
		case 'newerVersion':
			return `This backup was made by a newer version of Leukodex (schema ${p.version}; this app reads up to ${BACKUP_SCHEMA_VERSION}). Update the app and try again.`;
		case 'badField':
			return `The backup is damaged: ${p.field} ${p.detail}.`;
		case 'badRecord':
			return `The backup is damaged: ${p.collection === 'drills' ? 'drill' : p.collection === 'attempts' ? 'attempt' : '"real or synthetic" answer'} record at index ${p.index} is not valid (${p.detail}).`;
	}
}

/**
 * Parses and checks a backup file's text. Reports the first problem found, naming it precisely
 * (not JSON, wrong format, newer version, which record is bad). Also checks that every record
 * belongs to the file's learner and every attempt to a drill in the file.
 */
export function parseBackup(text: string): Backup {
	let json: unknown;
	try {
		json = JSON.parse(text);
	} catch {
		throw new BackupError({ kind: 'notJson' });
	}
	if (typeof json !== 'object' || json === null || Array.isArray(json) || (json as { format?: unknown }).format !== BACKUP_FORMAT) {
		throw new BackupError({ kind: 'wrongFormat' });
	}
	const raw = json as Record<string, unknown>;
	const version = raw.schemaVersion;
	if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
		throw new BackupError({ kind: 'badField', field: 'schemaVersion', detail: 'is missing or not a positive whole number' });
	}
	if (version > BACKUP_SCHEMA_VERSION) throw new BackupError({ kind: 'newerVersion', version });

	// check records one by one so the message can name the bad one
	const learner = v.safeParse(LearnerSchema, raw.learner);
	if (!learner.success)
		throw new BackupError({ kind: 'badField', field: 'learner', detail: `is not valid (${issuesText(learner.issues, 1)})` });
	for (const collection of ['drills', 'attempts'] as const) {
		const list = raw[collection];
		if (!Array.isArray(list)) throw new BackupError({ kind: 'badField', field: collection, detail: 'is missing or not a list' });
		const schema = collection === 'drills' ? DrillSchema : AttemptSchema;
		list.forEach((record: unknown, index) => {
			const r = v.safeParse(schema, record);
			if (!r.success) throw new BackupError({ kind: 'badRecord', collection, index, detail: issuesText(r.issues, 1) });
		});
	}
	if (raw.judgements !== undefined) {
		if (!Array.isArray(raw.judgements)) throw new BackupError({ kind: 'badField', field: 'judgements', detail: 'is not a list' });
		raw.judgements.forEach((record: unknown, index) => {
			const r = v.safeParse(JudgementSchema, record);
			if (!r.success) throw new BackupError({ kind: 'badRecord', collection: 'judgements', index, detail: issuesText(r.issues, 1) });
		});
	}
	const whole = v.safeParse(BackupSchema, json);
	if (!whole.success)
		throw new BackupError({ kind: 'badField', field: v.getDotPath(whole.issues[0]) ?? 'file', detail: whole.issues[0].message });
	const backup = whole.output;

	const learnerId = backup.learner.id;
	const drillIds = new Set<string>();
	backup.drills.forEach((d, index) => {
		if (d.learnerId !== learnerId)
			throw new BackupError({ kind: 'badRecord', collection: 'drills', index, detail: 'belongs to another learner' });
		if (d.position > d.itemIds.length)
			throw new BackupError({ kind: 'badRecord', collection: 'drills', index, detail: 'position is past the end of its items' });
		if (drillIds.has(d.id))
			throw new BackupError({ kind: 'badRecord', collection: 'drills', index, detail: `drill ${d.id} appears twice` });
		drillIds.add(d.id);
	});
	backup.attempts.forEach((a, index) => {
		if (a.learnerId !== learnerId)
			throw new BackupError({ kind: 'badRecord', collection: 'attempts', index, detail: 'belongs to another learner' });
		if (!drillIds.has(a.drillId))
			throw new BackupError({
				kind: 'badRecord',
				collection: 'attempts',
				index,
				detail: `refers to drill ${a.drillId}, which is not in the file`
			});
	});
	backup.judgements?.forEach((j, index) => {
		if (j.learnerId !== learnerId)
			throw new BackupError({ kind: 'badRecord', collection: 'judgements', index, detail: 'belongs to another learner' });
	});
	return backup;
}

/** Builds the backup file's text for one learner. */
export function serializeBackup(
	learner: Learner,
	drills: Drill[],
	attempts: Attempt[],
	exportedAt: Date,
	judgements: Judgement[] = []
): string {
	const backup: Backup = {
		format: BACKUP_FORMAT,
		schemaVersion: BACKUP_SCHEMA_VERSION,
		exportedAt: exportedAt.toISOString(),
		learner,
		drills,
		attempts: attempts.map(({ id: _id, ...rest }) => rest),
		judgements: judgements.map(({ id: _id, ...rest }) => rest)
	};
	return JSON.stringify(backup);
}
