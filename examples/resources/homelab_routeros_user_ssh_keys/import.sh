# By .id, or by field=value with what the router prints (user, key_owner).
# The router never prints the key: the imported state holds its summary
# (key-type=ed25519 bits=256 key-owner=tofu@ci), which the configured key
# matches when its type, size and comment agree.
tofu import homelab_routeros_user_ssh_keys.tofu user=terraform,key_owner=tofu@ci
