/**
 * Picklist values of standard fields that tests and common code read (a Developer Edition org's
 * defaults). The first value of `Lead.Status` that is closed and converted is `Closed - Converted`.
 */
export const STANDARD_PICKLISTS: Record<string, Record<string, string[]>> = {
  Account: {
    Type: [
      'Prospect',
      'Customer - Direct',
      'Customer - Channel',
      'Channel Partner / Reseller',
      'Installation Partner',
      'Technology Partner',
      'Other',
    ],
    Industry: [
      'Agriculture',
      'Apparel',
      'Banking',
      'Biotechnology',
      'Chemicals',
      'Communications',
      'Construction',
      'Consulting',
      'Education',
      'Electronics',
      'Energy',
      'Engineering',
      'Entertainment',
      'Environmental',
      'Finance',
      'Food & Beverage',
      'Government',
      'Healthcare',
      'Hospitality',
      'Insurance',
      'Machinery',
      'Manufacturing',
      'Media',
      'Not For Profit',
      'Recreation',
      'Retail',
      'Shipping',
      'Technology',
      'Telecommunications',
      'Transportation',
      'Utilities',
      'Other',
    ],
    Rating: ['Hot', 'Warm', 'Cold'],
    AccountSource: ['Web', 'Phone Inquiry', 'Partner Referral', 'Purchased List', 'Other'],
    Ownership: ['Public', 'Private', 'Subsidiary', 'Other'],
  },
  Contact: {
    Salutation: ['Mr.', 'Ms.', 'Mrs.', 'Dr.', 'Prof.'],
    LeadSource: ['Web', 'Phone Inquiry', 'Partner Referral', 'Purchased List', 'Other'],
  },
  Lead: {
    Status: [
      'Open - Not Contacted',
      'Working - Contacted',
      'Closed - Converted',
      'Closed - Not Converted',
    ],
    LeadSource: ['Web', 'Phone Inquiry', 'Partner Referral', 'Purchased List', 'Other'],
    Rating: ['Hot', 'Warm', 'Cold'],
    Salutation: ['Mr.', 'Ms.', 'Mrs.', 'Dr.', 'Prof.'],
  },
  Opportunity: {
    StageName: [
      'Prospecting',
      'Qualification',
      'Needs Analysis',
      'Value Proposition',
      'Id. Decision Makers',
      'Perception Analysis',
      'Proposal/Price Quote',
      'Negotiation/Review',
      'Closed Won',
      'Closed Lost',
    ],
    Type: [
      'Existing Customer - Upgrade',
      'Existing Customer - Replacement',
      'Existing Customer - Downgrade',
      'New Customer',
    ],
    LeadSource: ['Web', 'Phone Inquiry', 'Partner Referral', 'Purchased List', 'Other'],
  },
  Case: {
    Status: ['New', 'Working', 'Escalated', 'Closed'],
    Priority: ['High', 'Medium', 'Low'],
    Origin: ['Phone', 'Email', 'Web'],
    Type: ['Mechanical', 'Electrical', 'Electronic', 'Structural', 'Other'],
  },
  Task: {
    Status: ['Not Started', 'In Progress', 'Completed', 'Waiting on someone else', 'Deferred'],
    Priority: ['High', 'Normal', 'Low'],
  },
};

/** The converted `Lead.Status` values (what `convertLead` needs). */
export const CONVERTED_LEAD_STATUSES = ['Closed - Converted'];
