/**
 * The procedure reference table (code, category, description), for choosing a line's code. The API has no
 * endpoint that lists it (the table lives in libs/reference-data, which the browser app may not import), so
 * this is a copy of libs/reference-data/data/procedures.csv; procedures.spec.ts fails when the two differ.
 * The API still decides: a code it does not know is refused or priced as not covered, whatever this list says.
 */
export interface Procedure {
  code: string;
  category: string;
  description: string;
}

export const PROCEDURES: readonly Procedure[] = [
  { code: '99202', category: 'office_visit', description: 'New patient office visit - straightforward' },
  { code: '99203', category: 'office_visit', description: 'New patient office visit - low complexity' },
  { code: '99204', category: 'office_visit', description: 'New patient office visit - moderate complexity' },
  { code: '99205', category: 'office_visit', description: 'New patient office visit - high complexity' },
  { code: '99212', category: 'office_visit', description: 'Established patient visit - straightforward' },
  { code: '99213', category: 'office_visit', description: 'Established patient visit - low complexity' },
  { code: '99214', category: 'office_visit', description: 'Established patient visit - moderate complexity' },
  { code: '99215', category: 'office_visit', description: 'Established patient visit - high complexity' },
  { code: '36415', category: 'lab', description: 'Venous blood draw' },
  { code: '80048', category: 'lab', description: 'Basic metabolic panel' },
  { code: '80053', category: 'lab', description: 'Comprehensive metabolic panel' },
  { code: '80061', category: 'lab', description: 'Lipid panel' },
  { code: '81001', category: 'lab', description: 'Urinalysis with microscopy' },
  { code: '85025', category: 'lab', description: 'Complete blood count with differential' },
  { code: '71046', category: 'imaging', description: 'Chest X-ray - two views' },
  { code: '70551', category: 'imaging', description: 'MRI brain without contrast' },
  { code: '73721', category: 'imaging', description: 'MRI lower-extremity joint without contrast' },
  { code: '74177', category: 'imaging', description: 'CT abdomen and pelvis with contrast' },
  { code: '76700', category: 'imaging', description: 'Abdominal ultrasound - complete' },
  { code: '93000', category: 'diagnostic', description: 'Electrocardiogram with interpretation and report' },
  { code: '93005', category: 'diagnostic', description: 'Electrocardiogram - tracing only' },
  { code: '93010', category: 'diagnostic', description: 'Electrocardiogram - interpretation and report only' },
  { code: '93306', category: 'diagnostic', description: 'Echocardiogram - complete with Doppler' },
  { code: '43235', category: 'procedure', description: 'Upper GI endoscopy - diagnostic' },
  { code: '43239', category: 'procedure', description: 'Upper GI endoscopy with biopsy' },
  { code: '45378', category: 'procedure', description: 'Colonoscopy - diagnostic' },
  { code: '45380', category: 'procedure', description: 'Colonoscopy with biopsy' },
  { code: '20610', category: 'procedure', description: 'Arthrocentesis or injection of a major joint' },
  { code: '20611', category: 'procedure', description: 'Arthrocentesis of a major joint with ultrasound guidance' },
  { code: '11042', category: 'procedure', description: 'Debridement of subcutaneous tissue - first 20 sq cm' },
  { code: '27447', category: 'surgery', description: 'Total knee arthroplasty' },
  { code: '97110', category: 'therapy', description: 'Therapeutic exercise - each 15 minutes' },
  { code: '97140', category: 'therapy', description: 'Manual therapy - each 15 minutes' },
  { code: '97530', category: 'therapy', description: 'Therapeutic activities - each 15 minutes' },
  { code: '90834', category: 'mental_health', description: 'Psychotherapy - 45 minutes' },
  { code: '90837', category: 'mental_health', description: 'Psychotherapy - 60 minutes' },
  { code: 'J1100', category: 'drug', description: 'Injection of dexamethasone sodium phosphate - 1 mg' },
  { code: 'J3301', category: 'drug', description: 'Injection of triamcinolone acetonide - 10 mg' },
];
