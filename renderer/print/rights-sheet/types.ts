// The "information on your rights" sheet: one file per language in this folder, all with this shape.
// The stay limits come from the centre's legal profile, so the sheet never states a cap the
// software does not enforce.

export interface SheetFacts {
  centreName: string;
  /** Cap of a Migration Service order, in hours (24). */
  serviceOrderHours: number;
  /** Cap of a court's administrative detention order, in hours (72). */
  courtOrderHours: number;
  /** Cap of a placement for expulsion (months, set by the decision; 6). */
  expulsionMonths: number;
  /** Age under which children are not held for breaches of stay rules (16). */
  minAge: number;
}

export interface SheetSection {
  heading: string;
  items: string[];
}

export interface RightsSheet {
  /** BCP 47 code, as recorded in the rights log. */
  lang: string;
  /** The language's name in itself, for the picker. */
  name: string;
  /** Text direction: 'rtl' for Arabic, Persian, Pashto, Urdu… */
  dir: 'ltr' | 'rtl';
  /** Recorded with the right "information on rights", so the log says which text was handed over. */
  version: string;
  title: string;
  intro(f: SheetFacts): string;
  sections(f: SheetFacts): SheetSection[];
  /** Labels of the receipt at the bottom. */
  receipt: { received: string; date: string; signature: string; interpreter: string; staff: string };
}
