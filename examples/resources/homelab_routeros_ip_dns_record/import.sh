# By .id, by name (when only one record has it), or by field=value.
tofu import 'homelab_routeros_ip_dns_record.lab["vault.rachuna-net.pl"]' vault.rachuna-net.pl
tofu import homelab_routeros_ip_dns_record.router 'name=router.rachuna-net.pl,type=CNAME'
tofu import homelab_routeros_ip_dns_record.office 'regexp=^.+[.]office[.]example$'
