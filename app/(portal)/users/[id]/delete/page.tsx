import { UserPlaceholder } from '../../user-placeholder'

export default async function DeleteUserPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params
  return <UserPlaceholder id={id} permission="users.delete" title="Delete" what="Deleting a user (and restoring from Settings > Deleted users) is coming in the next release." />
}
