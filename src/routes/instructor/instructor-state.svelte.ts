import type { AssignmentStore, ImportOutcome } from '$lib/progress/assignment-repository.ts';
import type { AuthoredAssignment, ImportedResults, Instructor } from '$lib/progress/assignment-records.ts';
import { locale } from '../../lib/i18n/locale.svelte.ts';

/** The instructor page's state: the profile, what it authored and imported, the assignment shown. */
export class InstructorState {
	ready = $state(false);
	error = $state<string | null>(null);
	profiles = $state.raw<Instructor[]>([]);
	current = $state.raw<Instructor | null>(null);
	authored = $state.raw<AuthoredAssignment[]>([]);
	results = $state.raw<ImportedResults[]>([]);
	/** the assignment whose results are shown */
	selectedId = $state<string | null>(null);
	lastImport = $state.raw<ImportOutcome[] | null>(null);
	/** the assignment whose link, QR code and file are open */
	sharedId = $state<string | null>(null);

	readonly store: AssignmentStore;

	constructor(store: AssignmentStore) {
		this.store = store;
	}

	async load(): Promise<void> {
		try {
			this.profiles = await this.store.listInstructors();
			this.current = await this.store.getCurrentInstructor();
			await this.reload();
			this.error = null;
		} catch (error) {
			this.error = locale.problem(error);
		} finally {
			this.ready = true;
		}
	}

	async reload(): Promise<void> {
		if (!this.current) return;
		const [authored, results] = await Promise.all([this.store.listAuthored(this.current.id), this.store.listResults(this.current.id)]);
		this.authored = authored;
		this.results = results;
		if (!this.selectedId || !this.assignmentIds.includes(this.selectedId)) this.selectedId = this.assignmentIds[0] ?? null;
	}

	/** authored assignments first (newest first), then ones only known from imported results */
	get assignmentIds(): string[] {
		const ids = this.authored.map((a) => a.id);
		for (const r of this.results) if (!ids.includes(r.assignmentId)) ids.push(r.assignmentId);
		return ids;
	}

	async create(name: string): Promise<void> {
		this.current = await this.store.createInstructor(name);
		this.profiles = await this.store.listInstructors();
		await this.reload();
	}

	async select(id: string): Promise<void> {
		await this.store.setCurrentInstructor(id);
		this.current = this.profiles.find((p) => p.id === id) ?? null;
		this.selectedId = null;
		await this.reload();
	}

	async importResults(files: { name: string; text: string; kind?: 'file' | 'link' }[]): Promise<void> {
		if (!this.current) return;
		this.lastImport = await this.store.importResults(this.current.id, files);
		const firstGood = this.lastImport.find((o) => o.status !== 'refused');
		await this.reload();
		if (firstGood) {
			// show the assignment the new results belong to
			const imported = this.results.find((r) => r.results.learnerName === (firstGood as { learnerName: string }).learnerName);
			if (imported) this.selectedId = imported.assignmentId;
		}
	}
}
