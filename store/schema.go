// Package store keeps everything carecost records in one local bbolt file,
// so that a patient or an advocate never loses an entry: not to a crash, a
// full disk, a second window, a bad file or an upgrade.
//
// # The file
//
// The bucket tree (every name is a constant below; keys are ULIDs, which
// sort by creation time and never contain a name or other personal data,
// except in the two ordered indexes, which only a plain file keeps):
//
//	meta/
//	  app                    "carecost": marks the file as carecost's
//	  schema_version         the schema version, in decimal ASCII
//	  erase_pending          set when records were deleted: the file is
//	                         compacted when it is next closed, so their
//	                         bytes leave its free pages
//	  crypto                 an encrypted file's header (crypto.go)
//	patients/
//	  <patient id>/          one bucket holds everything of one patient,
//	    record               so deleting a patient is one DeleteBucket
//	    plans/<id>           insurance plans
//	    courses/<id>         treatment courses, with the coverage status
//	    scenarios/<id>       funding scenarios
//	    preauths/<id>        pre-authorizations
//	    checklist/<id>       medical-necessity document checklist items
//	    contacts/<id>        the contact log
//	    denials/<id>         denials and appeals
//	    estimates/<id>       Good Faith Estimates
//	    tasks/<id>           tasks
//	    applications/<id>    applications to assistance programs
//	index/
//	  patients/<patient id>  the patient list's few fields (planner.PatientSummary),
//	                         written in the same transaction as the
//	                         records they summarize
//	  names/<name><id>       the list by name, and the agenda by date, so
//	  agenda/<date><name>…   their first page is read through a cursor
//	                         (order.go); not in an encrypted file
//	programs/<id>            the assistance program catalog, shared by all
//	                         patients
//	team/                    the team server's advocates, their keys, their
//	                         grants per patient, who saved each record last
//	                         (team.go)
//	audit/<ULID>             the audit trail: every view and change made on
//	                         the team server, in time order
//
// Values are JSON (the index's entries are their own compact text),
// sealed by one codec (codec.go) for their place: the letter c, the CRC-32C
// of the place and the value in eight hexadecimal digits, then the value.
// A damaged value is found when it is read, and `carecost check` names
// each one. Encrypting values at rest changes the codec alone.
//
// # Versions
//
// meta/schema_version says which of the migrations (migrate.go) the file has
// had. Open applies the missing ones, in order, in one transaction; a file
// from a newer carecost is refused, untouched.
package store

// Bucket and key names.
var (
	bucketMeta         = []byte("meta")
	keyApp             = []byte("app")
	keySchema          = []byte("schema_version")
	keyErase           = []byte("erase_pending")
	bucketPatients     = []byte("patients")
	keyRecord          = []byte("record")
	bucketIndex        = []byte("index")
	bucketPatientIndex = []byte("patients") // inside index
	bucketPrograms     = []byte("programs")

	// Buckets inside a patient's bucket, one for each kind of record.
	bucketPlans        = []byte("plans")
	bucketCourses      = []byte("courses")
	bucketScenarios    = []byte("scenarios")
	bucketPreAuths     = []byte("preauths")
	bucketChecklist    = []byte("checklist")
	bucketContacts     = []byte("contacts")
	bucketDenials      = []byte("denials")
	bucketEstimates    = []byte("estimates")
	bucketTasks        = []byte("tasks")
	bucketApplications = []byte("applications")

	// patientBuckets lists every bucket a patient's bucket holds.
	patientBuckets = [][]byte{bucketPlans, bucketCourses, bucketScenarios, bucketPreAuths,
		bucketChecklist, bucketContacts, bucketDenials, bucketEstimates, bucketTasks, bucketApplications}
)

// appName is meta/app's value in every carecost file.
const appName = "carecost"
