/**
 * The other interviews of a place, as the location flag reads them: the newest PLACE_SAMPLE
 * located interviews of a form's place (an index read), kept while a batch or a recompute
 * runs, at most MAX_PLACES places at a time (memory stays bounded however many rows there are).
 */
import type { Store } from '../storage/types';
import { medianWithout, type LatLon } from './place';

/** Other located interviews a place needs before "far from the others" means anything. */
export const MIN_NEIGHBOURS = 3;
/** The median is taken over at most this many of a place's interviews, the newest. */
export const PLACE_SAMPLE = 500;
const MAX_PLACES = 200;

interface Sample {
	ids: Set<string>;
	lats: number[];
	lons: number[];
}

export class Places {
	private readonly known = new Map<string, Sample>();

	constructor(private readonly store: Store) {}

	/** The median location of the place's interviews other than `self` (at `point`); null with fewer than MIN_NEIGHBOURS. */
	async median(formId: string, place: string, self: string, point: LatLon): Promise<LatLon | null> {
		const key = `${formId}\u0000${place}`;
		let sample = this.known.get(key);
		if (!sample) {
			const points = await this.store.placeLocations(formId, place, PLACE_SAMPLE);
			sample = {
				ids: new Set(points.map((p) => p.id)),
				lats: points.map((p) => p.lat).sort((a, b) => a - b),
				lons: points.map((p) => p.lon).sort((a, b) => a - b)
			};
			if (this.known.size >= MAX_PLACES) this.known.clear();
			this.known.set(key, sample);
		}
		const mine = sample.ids.has(self);
		if (sample.lats.length - (mine ? 1 : 0) < MIN_NEIGHBOURS) return null;
		const lat = medianWithout(sample.lats, mine ? point.lat : undefined);
		const lon = medianWithout(sample.lons, mine ? point.lon : undefined);
		return lat === null || lon === null ? null : { lat, lon };
	}
}
