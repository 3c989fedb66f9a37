// What an officer's view of a submission, an anonymised export or an
// anonymised record kept under the retention schedule leaves out: the
// person's words and their contact details. Pure functions: any thread.
#pragma once

#include "carevoice/v1/submission.pb.h"

namespace carevoice::contract {

// Clears every free-text field a person wrote: the body's words and the
// reason given when someone could not consent. Ids, choices, ratings and
// dates stay.
void ClearWords(v1::Submission* s);

// Clears the contact details.
void ClearContact(v1::Submission* s);

}  // namespace carevoice::contract
