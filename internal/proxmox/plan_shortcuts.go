package proxmox

// The resources here opt in to the provider server's shortcuts (package
// provider, Server), which a refresh plan of a cluster takes for almost
// every object:
//
//   - UnchangedPlanIsPrior: their attribute plan modifiers are the
//     framework's UseStateForUnknown, UseNonNullStateForUnknown and
//     RequiresReplace, which act only on an unknown or changed value, and
//     their ModifyPlan (containers and VMs) keeps the prior spelling, plans
//     a migration when the node changes and refuses shrinks: nothing for a
//     plan that is the prior state. The server checks their defaults
//     itself. Storages and node networks stay out: their ModifyPlan fills
//     what the configuration leaves null, as a default would. Node
//     certificates stay out too: their plan reads the certificate.
//   - ValidationIsPure: their checks read the configuration alone (no
//     provider settings, no clock, no API).

func (r *lxcResource) UnchangedPlanIsPrior() bool         { return true }
func (r *vmResource) UnchangedPlanIsPrior() bool          { return true }
func (r *lxcTemplateResource) UnchangedPlanIsPrior() bool { return true }
func (r *poolResource) UnchangedPlanIsPrior() bool        { return true }
func (r *backupJobResource) UnchangedPlanIsPrior() bool   { return true }
func (r *haResourceResource) UnchangedPlanIsPrior() bool  { return true }
func (r *haRuleResource) UnchangedPlanIsPrior() bool      { return true }

func (r *lxcResource) ValidationIsPure() bool         { return true }
func (r *vmResource) ValidationIsPure() bool          { return true }
func (r *lxcTemplateResource) ValidationIsPure() bool { return true }
func (r *poolResource) ValidationIsPure() bool        { return true }
func (r *backupJobResource) ValidationIsPure() bool   { return true }
func (r *haResourceResource) ValidationIsPure() bool  { return true }
func (r *haRuleResource) ValidationIsPure() bool      { return true }
